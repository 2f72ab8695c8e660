package dev.meridian.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.fakes.EveryCapability;
import dev.meridian.core.route.Route;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * Every route of the region's table (core's {@code RouteTable}, every capability present) has a
 * route of its own in template.yaml's HTTP API, to the function that serves its method — not the
 * {@code $default} catch-all — so an endpoint added to a capability is reachable on AWS too.
 */
class TemplateCoversRouteTableTest {

  @Test
  void bundledTemplate_routesEveryRouteOfTheTable_toTheFunctionServingItsMethod() {
    HttpApiRoutes template = HttpApiRoutes.fromBundledTemplate();

    for (Route route : EveryCapability.table(Clock.systemUTC()).routes()) {
      String path = examplePath(route.pattern().template());
      HttpApiRoutes.Match match = template.select(route.method(), path).orElse(null);

      assertThat(match).as(route.key() + " has no route in template.yaml").isNotNull();
      assertThat(match.route().routeKey()).as(route.key()).isNotEqualTo("$default");
      assertThat(match.route().definition()).as(route.key()).isEqualTo(
          route.method().equals("GET") || route.method().equals("HEAD") ? "pullHttp"
              : "pushHttp");
    }
  }

  /** A path the pattern matches: one segment per parameter, two for a greedy one. */
  private static String examplePath(String pattern) {
    return pattern.replaceAll("\\{[a-zA-Z]+\\+}", "team/app").replaceAll("\\{[a-zA-Z]+}", "x1");
  }
}
