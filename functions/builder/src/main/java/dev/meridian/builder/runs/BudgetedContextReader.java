package dev.meridian.builder.runs;

import dev.meridian.builder.BuildBudget;
import dev.meridian.builder.DockerfileBases;
import dev.meridian.core.builds.ContextReader;
import dev.meridian.core.oci.ImageName;
import dev.meridian.core.storage.ObjectContent;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The builds API's {@link ContextReader}: {@link DockerfileBases} within the region's budget. */
public final class BudgetedContextReader implements ContextReader {
  private final BuildBudget budget;

  /** @param budget bounds each read of a context (on a request thread) */
  public BudgetedContextReader(BuildBudget budget) {
    this.budget = budget;
  }

  @Override
  public String text(ObjectContent context, String path) throws IOException {
    return DockerfileBases.text(context::stream, path, budget);
  }

  @Override
  public List<String> bases(ObjectContent context, String dockerfile,
      Map<String, String> buildArgs) throws IOException {
    return DockerfileBases.of(context::stream, dockerfile, buildArgs, budget).stream()
        .map(ImageName::toString).toList();
  }
}
