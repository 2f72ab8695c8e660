package dev.meridian.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.builds.Task;
import dev.meridian.core.builds.TaskStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link TaskStore} must have; {@link #newStore()} returns an empty one. */
public abstract class TaskStoreContract {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00.123456789Z");
  private TaskStore store;

  protected abstract TaskStore newStore();

  @BeforeEach
  void setUp() {
    store = newStore();
  }

  private static Task task(String name, boolean trigger) {
    return new Task(name, RunStoreContract.request(null), trigger,
        List.of("base/os:latest", "team/runtime:2"), T0);
  }

  @Test
  void create_whenNameFree_storesTheTaskAsGiven_elseWritesNothing() {
    Task app = task("app", true);
    assertThat(store.create(app)).isTrue();
    assertThat(store.create(task("app", false))).isFalse();

    assertThat(store.get("app")).contains(app);
    assertThat(store.get("nope")).isEmpty();
  }

  @Test
  void list_returnsEveryTaskByName() {
    store.create(task("web", false));
    store.create(task("api", true));

    assertThat(store.list()).extracting(Task::name).containsExactly("api", "web");
  }

  @Test
  void advanceCursor_movesOnlyFromTheExpectedValue() {
    assertThat(store.cursor()).isZero();
    assertThat(store.advanceCursor(5, 7)).isFalse();
    assertThat(store.advanceCursor(0, 7)).isTrue();
    assertThat(store.advanceCursor(0, 9)).isFalse();
    assertThat(store.advanceCursor(7, 9)).isTrue();
    assertThat(store.cursor()).isEqualTo(9);
  }
}
