package dev.meridian.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Route selection as API Gateway's HTTP API does it, over a small template and the real one. */
class HttpApiRoutesTest {
  private static final String TEMPLATE = """
      Resources:
        Api:
          Type: AWS::Serverless::HttpApi
        Pull:
          Type: AWS::Serverless::Function
          Properties:
            Environment:
              Variables: {spring_cloud_function_definition: pullHttp, X: !Ref Api}
            Events:
              Version: {Type: HttpApi, Properties: {ApiId: !Ref Api, Path: /v2, Method: GET}}
              Get: {Type: HttpApi, Properties: {ApiId: !Ref Api, Path: "/v2/{proxy+}", Method: GET}}
              Deep: {Type: HttpApi, Properties: {ApiId: !Ref Api, Path: "/v2/special/{rest+}", Method: ANY}}
        Push:
          Type: AWS::Serverless::Function
          Properties:
            Environment:
              Variables: {spring_cloud_function_definition: pushHttp}
            Events:
              Put: {Type: HttpApi, Properties: {ApiId: !Ref Api, Path: "/v2/{proxy+}", Method: PUT}}
              Queue: {Type: SQS, Properties: {Queue: !GetAtt Q.Arn}}
      """;
  private final HttpApiRoutes routes = HttpApiRoutes.parse(TEMPLATE);

  @Test
  void parse_readsHttpApiEventsOnlyWithTheirBean() {
    assertThat(routes.routes()).extracting(HttpApiRoute::routeKey).containsExactlyInAnyOrder(
        "GET /v2", "GET /v2/{proxy+}", "ANY /v2/special/{rest+}", "PUT /v2/{proxy+}");
    assertThat(routes.select("PUT", "/v2/a/manifests/b")).get()
        .extracting(m -> m.route().definition()).isEqualTo("pushHttp");
  }

  @Test
  void select_exactBeforeGreedy_andATrailingSlashMatchesTheExactRoute() {
    assertThat(key(routes.select("GET", "/v2"))).isEqualTo("GET /v2");
    assertThat(key(routes.select("GET", "/v2/"))).isEqualTo("GET /v2");
  }

  @Test
  void select_longestGreedyPrefixWins_withTheRestAsTheVariable() {
    HttpApiRoutes.Match m = routes.select("GET", "/v2/special/x/y").orElseThrow();

    assertThat(m.route().routeKey()).isEqualTo("ANY /v2/special/{rest+}");
    assertThat(m.proxy()).isEqualTo("x/y");
    assertThat(m.route().variable()).isEqualTo("rest");
    assertThat(routes.select("GET", "/v2/a/b").orElseThrow().proxy()).isEqualTo("a/b");
  }

  @Test
  void select_noRouteForTheMethodOrPath_isEmpty() {
    assertThat(routes.select("DELETE", "/v2/a/manifests/b")).isEmpty();
    assertThat(routes.select("HEAD", "/v2/a")).isEmpty();
    assertThat(routes.select("GET", "/other")).isEmpty();
  }

  @Test
  void select_whenTheTemplateHasADefaultRoute_itTakesWhatNoOtherRouteTakes() {
    HttpApiRoutes withDefault = HttpApiRoutes.parse(TEMPLATE.replace(
        "Queue: {Type: SQS",
        "Default: {Type: HttpApi, Properties: {ApiId: !Ref Api}}\n        Queue: {Type: SQS"));
    assertThat(withDefault.routes()).extracting(HttpApiRoute::routeKey).contains("$default");

    assertThat(key(withDefault.select("DELETE", "/v2/a/manifests/b"))).isEqualTo("$default");
    assertThat(key(withDefault.select("GET", "/other"))).isEqualTo("$default");
    assertThat(key(withDefault.select("PUT", "/v2/a/manifests/b"))).isEqualTo("PUT /v2/{proxy+}");
    assertThat(key(withDefault.select("GET", "/v2/"))).isEqualTo("GET /v2");
  }

  @Test
  void parse_aRoutePathEndingInSlash_isRefusedAsCloudFormationWould() {
    assertThatThrownBy(() -> HttpApiRoutes.parse(TEMPLATE.replace("Path: /v2,", "Path: /v2/,")))
        .hasMessageContaining("ends in '/'");
  }

  @Test
  void bundledTemplate_routesEveryOciAndAdminMethodToPullOrPush() {
    HttpApiRoutes real = HttpApiRoutes.fromBundledTemplate();

    for (String m : new String[] {"GET", "HEAD"}) {
      assertThat(real.select(m, "/v2/a/b/manifests/latest").orElseThrow().route().definition())
          .isEqualTo("pullHttp");
    }
    for (String m : new String[] {"POST", "PATCH", "PUT", "DELETE"}) {
      assertThat(real.select(m, "/v2/a/b/blobs/uploads/x").orElseThrow().route().definition())
          .isEqualTo("pushHttp");
      assertThat(real.select(m, "/meridian/v1/users/alice")).as(m + " admin").isPresent();
    }
    assertThat(real.select("GET", "/v2/")).isPresent();
    assertThat(real.select("GET", "/meridian/v1/token")).isPresent();
  }

  private static String key(Optional<HttpApiRoutes.Match> m) {
    return m.orElseThrow().route().routeKey();
  }
}
