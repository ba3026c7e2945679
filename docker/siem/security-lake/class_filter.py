"""Firehose transformation Lambda: keep the OCSF findings of one class (CLASS_UID), drop the others.

A Security Lake custom source and each of its Parquet files hold one OCSF class, while nhi.findings.ocsf carries
two (2004 Detection Finding, 2008 IAM Analysis Finding for UNUSED_ENTITLEMENT): one delivery stream per class,
each with this function and its CLASS_UID. Sketch, not run by nhi-drift's tests.
"""
import base64
import json
import os

CLASS_UID = int(os.environ.get("CLASS_UID", "2004"))


def handler(event, context):
    out = []
    for record in event["records"]:
        finding = json.loads(base64.b64decode(record["data"]))
        keep = finding.get("class_uid") == CLASS_UID
        out.append({
            "recordId": record["recordId"],
            "result": "Ok" if keep else "Dropped",
            "data": base64.b64encode((json.dumps(finding) + "\n").encode()).decode() if keep else record["data"],
        })
    return {"records": out}
