from sanyou_app.core.pdftext import normalize


def test_kangxi_and_supplement_radicals_fold_to_the_printed_characters():
	extracted = "刘桥镇人\u2ea0政府 中\u2f42 入\u2f3e走访\n\u2ed4口"
	assert normalize(extracted) == "刘桥镇人民政府中文入户走访门口"


def test_plain_text_is_unchanged_but_for_white_space():
	assert normalize("村庄扶贫路 286.5万元\n") == "村庄扶贫路286.5万元"
