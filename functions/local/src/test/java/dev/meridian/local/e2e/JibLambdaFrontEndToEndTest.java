package dev.meridian.local.e2e;

import dev.meridian.local.LocalOptions;

/**
 * {@link JibEndToEndTest} against {@code --front lambda}: jib-core pushes through API Gateway's
 * emulated HTTP API and the Lambda entry points (its 2 MiB layer fits one invocation).
 */
class JibLambdaFrontEndToEndTest extends JibEndToEndTest {
  @Override
  LocalOptions.Front front() {
    return LocalOptions.Front.LAMBDA;
  }
}
