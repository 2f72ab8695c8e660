package dev.meridian.app.lambda.iam;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Evaluates a principal's identity policies as IAM does within one account (IAM User Guide,
 * "Policy evaluation logic"): a request is allowed when some statement allows it and no statement
 * denies it; an explicit deny wins; nothing matching is an implicit deny. Actions match
 * case-insensitively, resources case-sensitively, both with {@code *} and {@code ?} wildcards;
 * {@code NotAction}/{@code NotResource} match what they do not list. Condition operators:
 * {@code StringEquals}, {@code StringLike}, {@code ArnEquals}, {@code ArnLike} (and their
 * {@code Not} forms), optionally qualified by {@code ForAllValues:} or {@code ForAnyValue:}; any
 * other fails loudly rather than being guessed. Not modelled:
 * resource-based policies, permission boundaries, SCPs, session policies (Meridian uses none for
 * its functions' own calls).
 */
public final class IamPolicy {

  public enum Decision { ALLOW, IMPLICIT_DENY, EXPLICIT_DENY }

  private final List<IamStatement> statements;

  public IamPolicy(List<IamStatement> statements) {
    this.statements = List.copyOf(statements);
  }

  public List<IamStatement> statements() {
    return statements;
  }

  public Decision evaluate(IamRequest request) {
    boolean allowed = false;
    for (IamStatement s : statements) {
      if (matches(s, request)) {
        if (!s.allow()) {
          return Decision.EXPLICIT_DENY;
        }
        allowed = true;
      }
    }
    return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
  }

  private static boolean matches(IamStatement s, IamRequest r) {
    boolean action = s.actions().stream().anyMatch(a -> wildcard(a, r.action(), true));
    boolean resource = s.resources().stream().anyMatch(p -> wildcard(p, r.resource(), false));
    return action != s.notAction() && resource != s.notResource() && conditions(s, r.context());
  }

  private static boolean conditions(IamStatement s, Map<String, String> context) {
    for (var operator : s.conditions().entrySet()) {
      String op = operator.getKey();
      // ForAllValues: every value of the key matches, which an absent key satisfies (IAM User
      // Guide, "Multivalued context keys"); ForAnyValue: some value matches. A request here
      // carries one value per key (a multi-valued call is split into one request per value).
      String qualifier = op.contains(":") ? op.substring(0, op.indexOf(':')) : "";
      String base = op.substring(op.indexOf(':') + 1);
      boolean negated = base.startsWith("StringNot") || base.startsWith("ArnNot");
      boolean like = base.endsWith("Like");
      if (!List.of("", "ForAllValues", "ForAnyValue").contains(qualifier)
          || !List.of("StringEquals", "StringLike", "StringNotEquals", "StringNotLike",
              "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike").contains(base)) {
        throw new IllegalArgumentException("condition operator not modelled: " + op);
      }
      for (var key : operator.getValue().entrySet()) {
        String value = context.get(key.getKey());
        if (value == null) {
          if (qualifier.equals("ForAllValues")) {
            continue;
          }
          return false;
        }
        boolean any = key.getValue().stream()
            .anyMatch(v -> like ? wildcard(v, value, false) : v.equals(value));
        if (any == negated) {
          return false;
        }
      }
    }
    return true;
  }

  /** IAM's {@code *} (any run of characters) and {@code ?} (one character). */
  static boolean wildcard(String pattern, String value, boolean ignoreCase) {
    StringBuilder regex = new StringBuilder();
    for (String part : pattern.split("(?<=[*?])|(?=[*?])")) {
      regex.append(switch (part) {
        case "*" -> ".*";
        case "?" -> ".";
        default -> Pattern.quote(part);
      });
    }
    Pattern p = ignoreCase ? Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL)
        : Pattern.compile(regex.toString(), Pattern.DOTALL);
    return p.matcher(ignoreCase ? value.toLowerCase(Locale.ROOT) : value).matches();
  }
}
