package dev.meridian.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** {@code --version}: the Maven project version, filtered into version.properties at build time. */
final class Version implements CommandLine.IVersionProvider {

  @Override
  public String[] getVersion() throws IOException {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    }
    return new String[] {"meridian " + p.getProperty("version", "unknown")
        + " (Java " + System.getProperty("java.version") + ")"};
  }
}
