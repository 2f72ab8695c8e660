package dev.meridian.app.lambda;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation/SAM template, turning the short-form intrinsic tags into their long
 * form, as CloudFormation does: {@code !Ref X} → {@code {Ref: X}}, {@code !GetAtt A.B} → {@code
 * {Fn::GetAtt: [A, B]}}, {@code !Sub s} → {@code {Fn::Sub: s}}, and so on.
 */
final class CloudFormationYaml {

  private static final List<String> FUNCTIONS = List.of("Base64", "Cidr", "FindInMap", "GetAtt",
      "GetAZs", "ImportValue", "Join", "Select", "Split", "Sub", "Transform", "And", "Equals",
      "If", "Not", "Or", "Length", "ToJsonString");

  private CloudFormationYaml() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> parse(String text) {
    return (Map<String, Object>) new Yaml(new Constructor()).load(text);
  }

  private static final class Constructor extends SafeConstructor {
    Constructor() {
      super(new LoaderOptions());
      yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
      yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
      for (String name : FUNCTIONS) {
        yamlConstructors.put(new Tag("!" + name), new Intrinsic("Fn::" + name));
      }
    }

    private final class Intrinsic extends AbstractConstruct {
      private final String key;

      Intrinsic(String key) {
        this.key = key;
      }

      @Override
      public Object construct(Node node) {
        Object value;
        if (node instanceof ScalarNode scalar) {
          String s = constructScalar(scalar);
          value = key.equals("Fn::GetAtt") ? List.of(s.split("\\.", 2)) : s;
        } else if (node instanceof SequenceNode sequence) {
          value = constructSequence(sequence);
        } else {
          value = constructMapping((MappingNode) node);
        }
        Map<String, Object> intrinsic = new LinkedHashMap<>();
        intrinsic.put(key, value);
        return intrinsic;
      }
    }
  }
}
