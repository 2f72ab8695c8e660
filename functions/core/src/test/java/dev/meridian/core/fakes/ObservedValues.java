package dev.meridian.core.fakes;

import dev.meridian.core.metrics.Metrics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A {@link Metrics} that keeps what was {@link #observe observed}, each as {@code "<name>
 * <tag,value,…> <amount as a whole number>"}, and ignores everything else.
 */
public final class ObservedValues implements Metrics {
  private final List<String> observed = new CopyOnWriteArrayList<>();

  @Override
  public void count(String name, long amount, String... tags) {}

  @Override
  public void time(String name, Duration duration, String... tags) {}

  @Override
  public void observe(String name, double amount, String... tags) {
    observed.add(name + " " + String.join(",", tags) + " " + (long) amount);
  }

  @Override
  public void gauge(String name, Supplier<Number> value, String... tags) {}

  public List<String> all() {
    return List.copyOf(observed);
  }
}
