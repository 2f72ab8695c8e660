package dev.meridian.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.settings.RegistrySettings.BlobDelivery;
import dev.meridian.local.CommandLineFlags;
import dev.meridian.local.LocalOptions;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CommandLineFlagsTest {

  private static final Path HOME = Path.of("/home/u");

  @Test
  void parse_whenNoFlags_usesDefaults() {
    LocalOptions o = CommandLineFlags.parse(new String[0], HOME).options();

    assertThat(o.port()).isEqualTo(5000);
    assertThat(o.regionsFile()).isNull();
    assertThat(o.dataDir()).isEqualTo(Path.of("/home/u/.meridian/data"));
    assertThat(o.ephemeral()).isFalse();
    assertThat(o.blobDelivery()).isEqualTo(BlobDelivery.REDIRECT);
  }

  @Test
  void parse_whenEveryFlag_setsEach() {
    LocalOptions o = CommandLineFlags.parse(new String[] {"--port", "6000", "--regions", "r.txt",
        "--data-dir=/d", "--ephemeral", "--blob-delivery", "STREAM"}, HOME).options();

    assertThat(o).isEqualTo(
        new LocalOptions(6000, Path.of("r.txt"), Path.of("/d"), true, BlobDelivery.STREAM));
  }

  @Test
  void parse_uploadTtl_inSeconds_defaultADay_zeroRefused() {
    assertThat(CommandLineFlags.parse(new String[] {"--upload-ttl", "90"}, HOME).options()
        .uploadTtl()).isEqualTo(Duration.ofSeconds(90));
    assertThat(CommandLineFlags.parse(new String[0], HOME).options().uploadTtl())
        .isEqualTo(Duration.ofHours(24));
    assertThatThrownBy(
            () -> CommandLineFlags.parse(new String[] {"--upload-ttl=0"}, HOME))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--upload-ttl: must be at least 1 second");
  }

  @Test
  void parse_front_directByDefault_lambdaOnRequest_elseRefused() {
    assertThat(CommandLineFlags.parse(new String[0], HOME).options().front())
        .isEqualTo(LocalOptions.Front.DIRECT);
    assertThat(CommandLineFlags.parse(new String[] {"--front", "lambda"}, HOME).options()
        .front()).isEqualTo(LocalOptions.Front.LAMBDA);
    assertThat(CommandLineFlags.parse(new String[] {"--front=DIRECT"}, HOME).options().front())
        .isEqualTo(LocalOptions.Front.DIRECT);
    assertThatThrownBy(() -> CommandLineFlags.parse(new String[] {"--front", "apigw"}, HOME))
        .hasMessageContaining("--front: expected direct or lambda");
  }

  @Test
  void parse_whenRoutingFlags_setsModeAndClientMap() {
    LocalOptions bounce = CommandLineFlags.parse(new String[] {"--routing", "bounce"}, HOME)
        .options();
    LocalOptions map = CommandLineFlags.parse(new String[] {"--client-map=clients.txt"}, HOME)
        .options();

    assertThat(bounce.routing()).isEqualTo(GlobalRouter.Mode.BOUNCE);
    assertThat(bounce.clientMap()).isNull();
    assertThat(map.routing()).isEqualTo(GlobalRouter.Mode.MAP);
    assertThat(map.clientMap()).isEqualTo(Path.of("clients.txt"));
    assertThat(CommandLineFlags.parse(new String[0], HOME).options().routing())
        .isEqualTo(GlobalRouter.Mode.MAP);
  }

  @Test
  void parse_whenBadRouting_failsWithTheFlagNamed() {
    assertThatThrownBy(() -> parse("--routing", "random")).hasMessageContaining("map or bounce");
    assertThatThrownBy(() -> parse("--routing", "bounce", "--client-map", "c.txt"))
        .hasMessageContaining("--client-map");
  }

  @Test
  void parse_whenReplicationFlags_setsReconcileIntervalAndFaultPlan() {
    LocalOptions o = CommandLineFlags.parse(new String[] {"--reconcile-interval", "0",
        "--fault-seed=42", "--fault-drop", "0.1", "--fault-duplicate", "0.2",
        "--fault-delay", "0.3", "--fault-reorder", "0.4"}, HOME).options();

    assertThat(o.replication().reconcileInterval()).isZero();
    assertThat(o.replication().faults().seed()).isEqualTo(42);
    assertThat(o.replication().faults().drop()).isEqualTo(0.1);
    assertThat(o.replication().faults().duplicate()).isEqualTo(0.2);
    assertThat(o.replication().faults().delay()).isEqualTo(0.3);
    assertThat(o.replication().faults().reorder()).isEqualTo(0.4);
    assertThat(CommandLineFlags.parse(new String[0], HOME).options().replication().faults()
        .active()).isFalse();
  }

  @Test
  void parse_whenBadReplicationFlags_failsWithTheFlagNamed() {
    assertThatThrownBy(() -> parse("--fault-drop", "1.5")).hasMessageContaining("--fault-drop");
    assertThatThrownBy(() -> parse("--fault-seed", "x")).hasMessageContaining("--fault-seed");
    assertThatThrownBy(() -> parse("--reconcile-interval", "-3"))
        .hasMessageContaining("--reconcile-interval");
  }

  @Test
  void parse_whenHelp_asksForHelp() {
    assertThat(CommandLineFlags.parse(new String[] {"--port", "1", "--help"}, HOME).help()).isTrue();
    assertThat(CommandLineFlags.parse(new String[] {"-h"}, HOME).help()).isTrue();
  }

  @Test
  void parse_whenBadInput_failsWithTheFlagNamed() {
    assertThatThrownBy(() -> parse("--port", "abc")).hasMessageContaining("--port");
    assertThatThrownBy(() -> parse("--port", "70000")).hasMessageContaining("out of range");
    assertThatThrownBy(() -> parse("--port")).hasMessage("--port needs a value");
    assertThatThrownBy(() -> parse("--blob-delivery", "fast")).hasMessageContaining("redirect or stream");
    assertThatThrownBy(() -> parse("--ephemeral=yes")).hasMessageContaining("no value");
    assertThatThrownBy(() -> parse("--verbose")).hasMessage("unknown flag: --verbose");
  }

  private static void parse(String... args) {
    CommandLineFlags.parse(args, HOME);
  }
}
