package dev.meridian.app.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.app.lambda.HttpApiRoutes.Route;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * template.yaml's HTTP API as API Gateway routes it ({@link HttpApiRoutes}, on the transformed
 * template): every route key is valid, and every request Meridian serves — the OCI endpoints and
 * every admin endpoint docs/api.md lists — reaches the function that serves its method (pull:
 * {@code GET}, {@code HEAD}; push: the rest), not API Gateway's 404 or the other function's 405.
 * The mutations re-introduce the two ways routing once broke: no {@code PUT} route for the admin
 * API (so a PUT reached the pull function), and a {@code GET /v2/} route key (may not end in /).
 */
class HttpApiRoutesTest {

  static final Pattern API_ROW = Pattern.compile(
      "^\\| ((?:GET|HEAD|POST|PUT|PATCH|DELETE)(?:, (?:GET|HEAD|POST|PUT|PATCH|DELETE))*) \\| `([^`]+)`");

  record Request(String method, String path) {}

  @Test
  void routeKeys_areValidForAnHttpApi() {
    HttpApiRoutes routes = HttpApiRoutes.of(SamTransform.templateYaml().template());

    assertThat(routes.routes()).isNotEmpty();
    assertThat(routes.invalidRouteKeys()).isEmpty();
  }

  @Test
  void everyRequestMeridianServes_reachesTheFunctionServingItsMethod() throws IOException {
    HttpApiRoutes routes = HttpApiRoutes.of(SamTransform.templateYaml().template());

    assertThat(misrouted(routes)).isEmpty();
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(delimiter = '|', value = {
      "'        AdminPut:\\n          Type: HttpApi\\n          Properties: {ApiId: !Ref Api, Path: \"/meridian/v1/{proxy+}\", Method: PUT}\\n'|''|"
          + "fault 5: no PUT /meridian/v1/{proxy+} route|PUT /meridian/v1/users/x reaches PullFunction",
      "'        Default:\\n'|'        VersionCheckSlash:\\n          Type: HttpApi\\n          Properties: {ApiId: !Ref Api, Path: /v2/, Method: GET}\\n        Default:\\n'|"
          + "fault 5: the GET /v2/ route key|may not end in /"})
  void routes_whenFault5IsReintroduced_areReported(String from, String to, String fault,
      String expected) throws IOException {
    String text = Files.readString(SamTransform.TEMPLATE);
    String mutated = CloudFormationBuildTest.mutate(text, from.replace("\\n", "\n"),
        to.replace("\\n", "\n"));

    HttpApiRoutes routes = HttpApiRoutes.of(SamTransform.run("routes-" + fault.hashCode(), mutated)
        .template());

    List<String> problems = new ArrayList<>(routes.invalidRouteKeys());
    problems.addAll(misrouted(routes));
    assertThat(problems).as(fault).anyMatch(p -> p.contains(expected));
  }

  private static List<String> misrouted(HttpApiRoutes routes) throws IOException {
    List<String> out = new ArrayList<>();
    for (Request r : requests()) {
      String expected = r.method().equals("GET") || r.method().equals("HEAD") ? "PullFunction"
          : "PushFunction";
      String actual = routes.match(r.method(), r.path()).map(Route::function).orElse("API Gateway's 404");
      if (!actual.equals(expected)) {
        out.add(r.method() + " " + r.path() + " reaches " + actual + ", not " + expected);
      }
    }
    return out;
  }

  /** The OCI distribution endpoints, and every admin endpoint of docs/api.md's tables. */
  static List<Request> requests() throws IOException {
    List<Request> out = new ArrayList<>(List.of(
        new Request("GET", "/v2/"), new Request("GET", "/v2"),
        new Request("GET", "/v2/_catalog"),
        new Request("GET", "/v2/library/app/tags/list"),
        new Request("HEAD", "/v2/library/app/manifests/v1"),
        new Request("GET", "/v2/library/app/manifests/sha256:ab"),
        new Request("PUT", "/v2/library/app/manifests/v1"),
        new Request("DELETE", "/v2/library/app/manifests/sha256:ab"),
        new Request("HEAD", "/v2/library/app/blobs/sha256:ab"),
        new Request("GET", "/v2/library/app/blobs/sha256:ab"),
        new Request("DELETE", "/v2/library/app/blobs/sha256:ab"),
        new Request("POST", "/v2/library/app/blobs/uploads/"),
        new Request("GET", "/v2/library/app/blobs/uploads/id"),
        new Request("PATCH", "/v2/library/app/blobs/uploads/id"),
        new Request("PUT", "/v2/library/app/blobs/uploads/id"),
        new Request("DELETE", "/v2/library/app/blobs/uploads/id"),
        new Request("GET", "/v2/library/app/referrers/sha256:ab")));
    for (String line : Files.readAllLines(Path.of("../../docs/api.md"))) {
      Matcher m = API_ROW.matcher(line);
      if (m.find() && m.group(2).startsWith("/")) {
        String path = m.group(2).replaceAll("\\?.*$", "").replaceAll("<[^>]+>", "x");
        for (String method : m.group(1).split(", ")) {
          out.add(new Request(method, path));
        }
      }
    }
    return out;
  }
}
