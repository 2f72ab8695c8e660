#!/bin/bash
# Creates every region's bucket, table and queues in LocalStack, as template.yaml does on AWS,
# and routes each bucket's ObjectCreated notifications (repositories/, _acks/) to an SQS queue
# <registry>-<region>-s3-events: LocalStack runs no Meridian Lambda here, so whoever runs the
# functions drains that queue into replicateS3 (docs/aws.md, "LocalStack").
set -euo pipefail
registry="${MERIDIAN_REGISTRY:-meridian}"
account=000000000000
aws_region="${AWS_DEFAULT_REGION:-us-east-1}"

grep -v '^\s*#' /etc/meridian/regions | while read -r name seed _; do
  [ -z "${name:-}" ] && continue
  id="$registry-$name"
  awslocal s3api create-bucket --bucket "$id" >/dev/null 2>&1 || true
  awslocal dynamodb create-table --table-name "$id" --billing-mode PAY_PER_REQUEST \
    --attribute-definitions AttributeName=pk,AttributeType=S AttributeName=sk,AttributeType=S \
    --key-schema AttributeName=pk,KeyType=HASH AttributeName=sk,KeyType=RANGE \
    --stream-specification StreamEnabled=true,StreamViewType=KEYS_ONLY >/dev/null 2>&1 || true
  awslocal dynamodb update-time-to-live --table-name "$id" \
    --time-to-live-specification Enabled=true,AttributeName=ttl >/dev/null 2>&1 || true
  dlq=$(awslocal sqs create-queue --queue-name "$id-webhooks-dlq" --query QueueUrl --output text)
  dlq_arn="arn:aws:sqs:$aws_region:$account:$id-webhooks-dlq"
  awslocal sqs create-queue --queue-name "$id-webhooks" --attributes \
    "{\"VisibilityTimeout\":\"360\",\"RedrivePolicy\":\"{\\\"deadLetterTargetArn\\\":\\\"$dlq_arn\\\",\\\"maxReceiveCount\\\":\\\"5\\\"}\"}" >/dev/null
  awslocal sqs create-queue --queue-name "$id-s3-events" >/dev/null
  events_arn="arn:aws:sqs:$aws_region:$account:$id-s3-events"
  awslocal s3api put-bucket-notification-configuration --bucket "$id" \
    --notification-configuration "{\"QueueConfigurations\":[
      {\"Id\":\"repositories\",\"QueueArn\":\"$events_arn\",\"Events\":[\"s3:ObjectCreated:*\"],
       \"Filter\":{\"Key\":{\"FilterRules\":[{\"Name\":\"prefix\",\"Value\":\"repositories/\"}]}}},
      {\"Id\":\"acks\",\"QueueArn\":\"$events_arn\",\"Events\":[\"s3:ObjectCreated:*\"],
       \"Filter\":{\"Key\":{\"FilterRules\":[{\"Name\":\"prefix\",\"Value\":\"_acks/\"}]}}}]}"
  echo "meridian: region $name (seed $seed): bucket, table, queues and notifications ready"
done
