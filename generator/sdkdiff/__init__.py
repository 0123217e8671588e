"""`b24-docgen sdk-diff`: where an installed SDK's method wrappers and the method specs disagree.

`introspect_py` reads b24pysdk's wrappers offline, `introspect_ts` what @bitrix24/b24jssdk's
typings say about methods, `docs` the method specs, `compare` pairs them, `report` prints.
"""
