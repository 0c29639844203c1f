package dev.racefree.lab;

import dev.racefree.lab.cli.LabCommand;

/**
 * The race lab's entry point, named by the executable jar's manifest: {@code java -jar
 * racefree-lab.jar race|bench|chaos|verify}. The commands live in {@code dev.racefree.lab.cli},
 * what they run in {@code dev.racefree.lab.race}, {@code .bench} and {@code .chaos}.
 */
public final class Lab {

  private Lab() {}

  public static void main(String[] args) {
    System.exit(LabCommand.execute(args));
  }
}
