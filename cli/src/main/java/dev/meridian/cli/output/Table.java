package dev.meridian.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain text table: upper-case headers, columns padded to their widest cell, as {@code gh}. */
public final class Table {

  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  private Table(List<String> headers) {
    this.headers = headers;
  }

  public static Table of(String... headers) {
    return new Table(List.of(headers));
  }

  public Table row(Object... cells) {
    List<String> row = new ArrayList<>();
    for (Object cell : cells) {
      row.add(text(cell));
    }
    rows.add(row);
    return this;
  }

  /** A JSON field as a cell: text as is, null/missing as "-", anything else as compact JSON. */
  public static String text(Object cell) {
    if (cell == null) {
      return "-";
    }
    if (cell instanceof JsonNode node) {
      if (node.isMissingNode() || node.isNull()) {
        return "-";
      }
      return node.isValueNode() ? node.asText() : node.toString();
    }
    return cell.toString();
  }

  public void print(PrintWriter out) {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = headers.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    line(out, headers.stream().map(String::toUpperCase).toList(), widths);
    rows.forEach(row -> line(out, row, widths));
  }

  /** The table as printed. */
  @Override
  public String toString() {
    java.io.StringWriter text = new java.io.StringWriter();
    print(new PrintWriter(text));
    return text.toString();
  }

  private static void line(PrintWriter out, List<String> cells, int[] widths) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      b.append(cells.get(i));
      if (i < cells.size() - 1) {
        b.append(" ".repeat(widths[i] - cells.get(i).length() + 2));
      }
    }
    out.println(b.toString().stripTrailing());
  }
}
