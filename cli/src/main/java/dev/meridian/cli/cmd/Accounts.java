package dev.meridian.cli.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.cli.Session;
import dev.meridian.cli.error.CliException;
import dev.meridian.cli.output.OutputOption;
import dev.meridian.cli.output.Table;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What user, robot and grant share: the account API (docs/security.md "Accounts and permissions";
 * accounts are global, so any region takes the write) and its shapes.
 */
final class Accounts {

  static final String PATH = "/meridian/v1/users";

  private Accounts() {}

  /** {@code PATTERN=ACTIONS}, e.g. {@code team/**=pull,push}, as the API's grant object. */
  static ObjectNode grant(String text) {
    int eq = text.lastIndexOf('=');
    if (eq <= 0 || eq == text.length() - 1) {
      throw CliException.usage("grant '" + text + "' is not REPOSITORIES=ACTIONS, e.g. 'team/**=pull,push'");
    }
    ObjectNode grant = JsonNodeFactory.instance.objectNode().put("repositories", text.substring(0, eq));
    ArrayNode actions = grant.putArray("actions");
    for (String action : text.substring(eq + 1).split(",")) {
      actions.add(action.strip());
    }
    return grant;
  }

  static ArrayNode grants(List<String> texts) {
    ArrayNode grants = JsonNodeFactory.instance.arrayNode();
    if (texts != null) {
      texts.forEach(t -> grants.add(grant(t)));
    }
    return grants;
  }

  static String describeGrants(JsonNode grants) {
    StringBuilder b = new StringBuilder();
    grants.forEach(g -> b.append(b.length() == 0 ? "" : " ").append(g.path("repositories").asText())
        .append('=').append(WebhookCommand.join(g.path("actions"))));
    return b.toString();
  }

  /** Lists accounts of one kind ({@code null}: all). */
  static void list(Session session, OutputOption output, String kind) {
    JsonNode users = session.client().getJson(PATH);
    ArrayNode kept = JsonNodeFactory.instance.arrayNode();
    users.path("users").forEach(u -> {
      if (kind == null || kind.equals(u.path("kind").asText())) {
        kept.add(u);
      }
    });
    output.print(session.out(), JsonNodeFactory.instance.objectNode().set("users", kept), node -> {
      Table t = Table.of("name", "kind", "permissions", "grants", "updated");
      kept.forEach(u -> t.row(u.path("name"), u.path("kind"), WebhookCommand.join(u.path("permissions")),
          describeGrants(u.path("grants")), u.path("updated")));
      return t;
    });
  }

  /** A secret from standard input (one line), as {@code docker login --password-stdin}. */
  static String readSecret(Session session) {
    try {
      String line = new BufferedReader(new InputStreamReader(session.in(), StandardCharsets.UTF_8)).readLine();
      if (line == null || line.isBlank()) {
        throw CliException.usage("standard input is empty: pipe the password in");
      }
      return line.strip();
    } catch (IOException e) {
      throw CliException.io("reading standard input: " + e.getMessage());
    }
  }
}
