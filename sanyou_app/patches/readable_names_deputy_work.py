"""The deputy liaison and deputy work records (activity rooms, visits, education sessions, theory
exams, joint activities, research reports, suggestions) named by what they are about, like the rest
(common/naming.py, TITLES): records from before are renamed, links and all."""

from sanyou_app.patches import readable_names


def execute():
	readable_names.execute()
