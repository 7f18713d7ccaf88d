"""Pure rules of sanyou_app. Nothing in this package imports frappe."""
