#!/usr/bin/env python3
"""
template.yaml -> CloudFormation, as `sam deploy` sends it, and cfn-lint on both.

    python3 sam_to_cfn.py TEMPLATE OUT.json

Transforms the SAM template with aws-sam-translator (the library SAM CLI and CloudFormation's
AWS::Serverless transform run), writes the CloudFormation JSON to OUT.json for the Java tests
(IAM evaluation, routes), and lints the SAM template and the transformed JSON with cfn-lint plus
Meridian's rules in rules/ (faults stock cfn-lint lets through). Prints one line per finding.

Exit codes: 0 clean; 1 findings (any error, warning or informational finding fails); 3 a tool is
missing (the Java test skips, or fails on CI).
Run by dev.meridian.app.lambda.CloudFormationBuildTest; see docs/aws.md.
"""

import copy
import json
import os
import sys

try:
    import samtranslator
    from samtranslator.parser import parser
    from samtranslator.translator.translator import Translator
    from cfnlint.config import ConfigMixIn
    from cfnlint.data import Serverless
    from cfnlint.decode import decode
    from cfnlint.helpers import load_resource
    from cfnlint.runner import Runner
except ImportError as e:  # the test reports this as "tool missing"
    print(f"missing tool: {e} (needs aws-sam-translator and cfn-lint)", file=sys.stderr)
    sys.exit(3)

HERE = os.path.dirname(os.path.abspath(__file__))
RULES = os.path.join(HERE, "rules")
# The regions Meridian documents deploying to (infra/regions examples); lint for each.
REGIONS = ["us-east-1", "eu-west-1"]
# sam deploy replaces the local CodeUri by the S3 object it uploaded; so do we.
UPLOADED_CODE = "s3://sam-artifacts-bucket/meridian-app-aws.jar"


def lint(path):
    config = ConfigMixIn(["--append-rules", RULES, "--regions", *REGIONS, "--", path])
    return [f"{m.filename}:{m.linenumber}: {m.rule.id} {m.message}" for m in Runner(config).run()]


def transform(sam):
    """The CloudFormation template `sam deploy` creates a change set from."""
    sam = copy.deepcopy(sam)
    for resource in sam.get("Resources", {}).values():
        if resource.get("Type") == "AWS::Serverless::Function":
            resource.setdefault("Properties", {})["CodeUri"] = UPLOADED_CODE
    os.environ.setdefault("AWS_DEFAULT_REGION", REGIONS[0])
    managed_policies = load_resource(Serverless, "ManagedPolicies.json")
    translator = Translator(managed_policy_map=managed_policies, sam_parser=parser.Parser())
    return translator.translate(sam_template=sam, parameter_values={})


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    template, out = argv[1], argv[2]
    sam, errors = decode(template)
    if errors:
        for m in errors:
            print(f"{template}:{m.linenumber}: {m.rule.id} {m.message}")
        return 1
    findings = lint(template)
    cfn = transform(sam)
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w") as f:
        json.dump(cfn, f, indent=1, sort_keys=False, default=str)
    findings += lint(out)
    for line in findings:
        print(line)
    print(f"sam_to_cfn: samtranslator {samtranslator.__version__}, {len(findings)} finding(s), "
          f"wrote {out}", file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
