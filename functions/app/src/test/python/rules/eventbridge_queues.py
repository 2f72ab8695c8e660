"""
EventBridge delivers to an SQS target or dead-letter queue only if the queue's policy lets
events.amazonaws.com send to it; without one, failed schedule invocations are dropped silently
(EventBridge counts them in InvocationsFailedToBeSentToDlq). Stock cfn-lint does not check it.
"""

from cfnlint.rules import CloudFormationLintRule, RuleMatch

PRINCIPAL = "events.amazonaws.com"


def _queue_of(arn, queues):
    """The logical id of the template's queue that an Arn value names ({Fn::GetAtt: [Q, Arn]})."""
    if isinstance(arn, dict) and "Fn::GetAtt" in arn:
        target = arn["Fn::GetAtt"]
        name = target[0] if isinstance(target, list) else str(target).split(".")[0]
        return name if name in queues else None
    return None


def _as_list(value):
    return value if isinstance(value, list) else [value]


def _allows_events(statement, queue):
    if statement.get("Effect") != "Allow":
        return False
    principal = statement.get("Principal") or {}
    services = _as_list(principal.get("Service")) if isinstance(principal, dict) else []
    actions = _as_list(statement.get("Action"))
    resources = _as_list(statement.get("Resource"))
    return (
        PRINCIPAL in services
        and any(a in ("sqs:SendMessage", "sqs:*") for a in actions)
        and any(r == "*" or _queue_of(r, {queue}) == queue for r in resources)
    )


class EventBridgeMaySendToQueues(CloudFormationLintRule):
    id = "E9102"
    shortdesc = "EventBridge may send to its SQS targets and dead-letter queues"
    description = ("An AWS::Events::Rule target or DeadLetterConfig naming a queue of the template "
                   "needs an AWS::SQS::QueuePolicy allowing events.amazonaws.com sqs:SendMessage")
    source_url = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html"
    tags = ["resources", "sqs", "events", "meridian"]

    def match(self, cfn):
        queues = set(cfn.get_resources(["AWS::SQS::Queue"]))
        allowed = set()
        for policy in cfn.get_resources(["AWS::SQS::QueuePolicy"]).values():
            props = policy.get("Properties") or {}
            statements = _as_list((props.get("PolicyDocument") or {}).get("Statement") or [])
            for ref in _as_list(props.get("Queues") or []):
                queue = ref.get("Ref") if isinstance(ref, dict) else None
                if queue in queues and any(_allows_events(s, queue) for s in statements):
                    allowed.add(queue)
        matches = []
        for name, rule in cfn.get_resources(["AWS::Events::Rule"]).items():
            for i, target in enumerate((rule.get("Properties") or {}).get("Targets") or []):
                wanted = [("Arn", target.get("Arn")),
                          ("DeadLetterConfig", (target.get("DeadLetterConfig") or {}).get("Arn"))]
                for what, arn in wanted:
                    queue = _queue_of(arn, queues)
                    if queue and queue not in allowed:
                        matches.append(RuleMatch(
                            ["Resources", name, "Properties", "Targets", i],
                            f"{name}: target {i} {what} is queue {queue}, but no "
                            f"AWS::SQS::QueuePolicy lets {PRINCIPAL} sqs:SendMessage to it",
                        ))
        return matches
