package dev.meridian.local.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * template.yaml read as plain maps, for the parts of AWS the {@code --front lambda} runtime
 * emulates from it (HTTP API routes, SQS event sources). CloudFormation's short tags ({@code
 * !Ref}, {@code !GetAtt}, {@code !Sub}, …) read as the value they tag: {@code !GetAtt
 * WebhookQueue.Arn} is {@code "WebhookQueue.Arn"}, {@code !Ref BuildCapacity} is {@code
 * "BuildCapacity"}.
 */
final class TemplateYaml {
  /** template.yaml as the local jar carries it (the Maven build copies the repository's file). */
  static final String RESOURCE = "/meridian/template.yaml";

  private TemplateYaml() {}

  /** The text of the bundled template.yaml. */
  static String bundled() {
    try (InputStream in = TemplateYaml.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("no " + RESOURCE + " on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> load(String text) {
    return (Map<String, Object>) new Yaml(new TagsAsPlainValues()).load(text);
  }

  /** {@code map.get(key)} as a map, or an empty map. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> map, String key) {
    Object value = map == null ? null : map.get(key);
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static final class TagsAsPlainValues extends SafeConstructor {
    TagsAsPlainValues() {
      super(new LoaderOptions());
      yamlConstructors.put(null, new AbstractConstruct() {
        @Override
        public Object construct(Node node) {
          if (node instanceof ScalarNode scalar) {
            return constructScalar(scalar);
          }
          if (node instanceof SequenceNode sequence) {
            return constructSequence(sequence);
          }
          return constructMapping((MappingNode) node);
        }
      });
    }
  }
}
