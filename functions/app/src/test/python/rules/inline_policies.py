"""
Meridian's own cfn-lint rules: faults that stock cfn-lint 1.51 lets through but CloudFormation
or AWS rejects. Loaded by sam_to_cfn.py with --append-rules (docs/aws.md "How each fault is
caught").
"""

from cfnlint.rules import CloudFormationLintRule, RuleMatch

# Intrinsics that yield a string, never the {PolicyName, PolicyDocument} object an inline policy is.
_STRING_FUNCTIONS = {"Ref", "Fn::GetAtt", "Fn::Sub", "Fn::Join", "Fn::ImportValue", "Fn::Select"}


def _branches(value):
    """The values an entry can take: both branches of an Fn::If, else the entry itself."""
    if isinstance(value, dict) and list(value) == ["Fn::If"]:
        args = value["Fn::If"]
        if isinstance(args, list) and len(args) == 3:
            return _branches(args[1]) + _branches(args[2])
    return [value]


def _is_string_function(value):
    if not isinstance(value, dict) or len(value) != 1:
        return False
    function, argument = next(iter(value.items()))
    return function in _STRING_FUNCTIONS and not (function == "Ref" and argument == "AWS::NoValue")


class InlinePolicyIsAnObject(CloudFormationLintRule):
    """A role's inline Policies entry that is a Ref/ARN: CloudFormation fails the stack.

    stock cfn-lint reports a literal string there (E3012) but not a Ref to an
    AWS::IAM::ManagedPolicy, whose value is an ARN: managed policies belong in ManagedPolicyArns.
    """

    id = "E9101"
    shortdesc = "Inline policy entries are objects"
    description = "Policies of AWS::IAM::Role/User/Group holds PolicyName+PolicyDocument objects"
    source_url = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-iam-role-policy.html"
    tags = ["resources", "iam", "meridian"]

    def match(self, cfn):
        matches = []
        for name, resource in cfn.get_resources(
            ["AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"]
        ).items():
            policies = (resource.get("Properties") or {}).get("Policies") or []
            if not isinstance(policies, list):
                continue
            for i, entry in enumerate(policies):
                for value in _branches(entry):
                    if _is_string_function(value):
                        matches.append(RuleMatch(
                            ["Resources", name, "Properties", "Policies", i],
                            f"{name}: Policies[{i}] is {list(value)[0]} {value[list(value)[0]]}, "
                            "a string (a managed-policy ARN), not an inline policy with "
                            "PolicyName and PolicyDocument; list managed policies in ManagedPolicyArns",
                        ))
        return matches
