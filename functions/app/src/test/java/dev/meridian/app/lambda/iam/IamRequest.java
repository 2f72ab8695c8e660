package dev.meridian.app.lambda.iam;

import java.util.Map;

/**
 * What IAM authorizes for one AWS API call, or one part of it: an action ({@code s3:GetObject})
 * on a resource ARN, with the request's condition keys ({@code aws:SourceArn} ...).
 */
public record IamRequest(String action, String resource, Map<String, String> context) {

  public IamRequest {
    context = Map.copyOf(context);
  }

  public IamRequest(String action, String resource) {
    this(action, resource, Map.of());
  }

  @Override
  public String toString() {
    return action + " on " + resource + (context.isEmpty() ? "" : " " + context);
  }
}
