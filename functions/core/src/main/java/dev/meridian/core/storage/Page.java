package dev.meridian.core.storage;

import java.util.List;

/** One page of a listing; {@code truncated} says more items follow the last one. */
public record Page<T>(List<T> items, boolean truncated) {
  public Page {
    items = List.copyOf(items);
  }
}
