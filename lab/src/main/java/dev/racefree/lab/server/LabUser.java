package dev.racefree.lab.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;

/**
 * Who the lab's Patroni cluster runs as: the lab's own user, or, when the lab runs as root (which
 * initdb and Patroni refuse), the unprivileged system user {@value #NAME} that {@code
 * lab/patroni/setup.sh} creates. The one place that knows: commands are wrapped in {@code setpriv}
 * (which execs, so the process the lab holds is the command itself and a signal reaches it), and
 * directories are handed over to that user.
 */
final class LabUser {

  /** The system user the set-up script creates. */
  static final String NAME = "racefree-lab";

  private final boolean root;

  private LabUser(boolean root) {
    this.root = root;
  }

  /** The user of this process; as root, checks that {@value #NAME} exists. */
  static LabUser current() {
    boolean root = ProcessHandle.current().info().user().filter("root"::equals).isPresent();
    LabUser user = new LabUser(root);
    if (root) {
      try {
        user.lookup().lookupPrincipalByName(NAME);
      } catch (UserPrincipalNotFoundException e) {
        throw new IllegalStateException(
            "the lab runs as root and Patroni refuses to: create the user "
                + NAME
                + " with lab/patroni/setup.sh",
            e);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return user;
  }

  /** {@code command}, as this user: unchanged, or as root through {@code setpriv}. */
  List<String> command(List<String> command) {
    return command(root, command);
  }

  static List<String> command(boolean root, List<String> command) {
    if (!root) {
      return List.copyOf(command);
    }
    List<String> wrapped = new ArrayList<>();
    wrapped.add("setpriv");
    wrapped.add("--reuid=" + NAME);
    wrapped.add("--regid=" + NAME);
    wrapped.add("--init-groups");
    wrapped.add("--");
    wrapped.addAll(command);
    return wrapped;
  }

  /** Makes {@code directory} (which this process created) this user's. */
  void own(Path directory) {
    if (!root) {
      return;
    }
    try {
      UserPrincipalLookupService lookup = lookup();
      PosixFileAttributeView view =
          Files.getFileAttributeView(directory, PosixFileAttributeView.class);
      GroupPrincipal group = lookup.lookupPrincipalByGroupName(NAME);
      view.setOwner(lookup.lookupPrincipalByName(NAME));
      view.setGroup(group);
    } catch (IOException e) {
      throw new UncheckedIOException("could not hand " + directory + " to " + NAME, e);
    }
  }

  private UserPrincipalLookupService lookup() {
    return java.nio.file.FileSystems.getDefault().getUserPrincipalLookupService();
  }
}
