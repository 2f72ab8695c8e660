package dev.meridian.cli.cmd;

import dev.meridian.cli.Session;
import dev.meridian.cli.image.Reference;
import dev.meridian.cli.layout.DockerArchive;
import dev.meridian.cli.layout.OciArchive;
import dev.meridian.cli.layout.OciLayout;
import dev.meridian.cli.registry.BlobUploader;
import dev.meridian.cli.registry.RegistryImageDestination;
import dev.meridian.cli.registry.RegistryImageSource;
import dev.meridian.cli.registry.Repository;
import dev.meridian.cli.transfer.ImageDestination;
import dev.meridian.cli.transfer.ImageSource;
import java.nio.file.Path;

/**
 * An image's place, in skopeo's transport syntax: {@code oci:DIR[:TAG]},
 * {@code oci-archive:FILE[:TAG]}, {@code docker-archive:FILE[:NAME:TAG]}, or a registry reference
 * {@code HOST[:PORT]/REPO[:TAG|@DIGEST]} (also with skopeo's {@code docker://} prefix).
 */
public sealed interface ImageLocation {

  record Layout(Path dir, String tag) implements ImageLocation {}

  record OciTar(Path file, String tag) implements ImageLocation {}

  record DockerTar(Path file, String repoTag) implements ImageLocation {}

  record Registry(Reference reference) implements ImageLocation {}

  static ImageLocation parse(String text, Session session) {
    if (text.startsWith("oci:")) {
      String[] pathTag = pathAndTag(text.substring(4));
      return new Layout(Path.of(pathTag[0]), pathTag[1]);
    }
    if (text.startsWith("oci-archive:")) {
      String[] pathTag = pathAndTag(text.substring("oci-archive:".length()));
      return new OciTar(Path.of(pathTag[0]), pathTag[1]);
    }
    if (text.startsWith("docker-archive:")) {
      String rest = text.substring("docker-archive:".length());
      int colon = rest.indexOf(':');
      return colon < 0 ? new DockerTar(Path.of(rest), null)
          : new DockerTar(Path.of(rest.substring(0, colon)), rest.substring(colon + 1));
    }
    String ref = text.startsWith("docker://") ? text.substring("docker://".length()) : text;
    return new Registry(Reference.parse(ref, session::defaultRegistry));
  }

  /** {@code DIR:TAG} splits at the last ':' unless what follows holds a '/' (a path, not a tag). */
  private static String[] pathAndTag(String s) {
    int colon = s.lastIndexOf(':');
    if (colon < 0 || s.substring(colon + 1).contains("/")) {
      return new String[] {s, null};
    }
    return new String[] {s.substring(0, colon), s.substring(colon + 1)};
  }

  default ImageSource openSource(Session session) {
    if (this instanceof Layout l) {
      return new OciLayout(l.dir(), l.tag());
    }
    if (this instanceof OciTar t) {
      return OciArchive.reading(t.file(), t.tag());
    }
    if (this instanceof DockerTar d) {
      return DockerArchive.reading(d.file(), d.repoTag());
    }
    Reference r = ((Registry) this).reference();
    // A pull prints what the region says about replication (a newer tag on its way, a
    // read-through from another region) on stderr, beside the progress.
    return new RegistryImageSource(new Repository(session.client(r.registry()), r.repository(),
        notice -> {
          session.err().println(notice);
          session.err().flush();
        }), r);
  }

  /** {@code defaultName}: the docker-archive RepoTags entry when the location names none. */
  default ImageDestination openDestination(Session session, BlobUploader uploader, String defaultName) {
    if (this instanceof Layout l) {
      return new OciLayout(l.dir(), l.tag());
    }
    if (this instanceof OciTar t) {
      return OciArchive.writing(t.file(), t.tag());
    }
    if (this instanceof DockerTar d) {
      return DockerArchive.writing(d.file(), d.repoTag() != null ? d.repoTag() : defaultName);
    }
    Reference r = ((Registry) this).reference();
    return new RegistryImageDestination(new Repository(session.client(r.registry()), r.repository()), r, uploader);
  }

  /** A name for a docker-archive's RepoTags: the registry reference, when this is one. */
  default String name() {
    return this instanceof Registry r && r.reference().tag() != null
        ? r.reference().registry() + "/" + r.reference().repository() + ":" + r.reference().tag() : null;
  }
}
