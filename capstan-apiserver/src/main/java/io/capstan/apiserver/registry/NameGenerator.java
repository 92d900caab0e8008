package io.capstan.apiserver.registry;

import java.util.random.RandomGenerator;

/**
 * {@code metadata.generateName}: the prefix plus five characters from Kubernetes' alphabet, which
 * leaves out vowels and look-alike digits so generated names never spell words.
 */
final class NameGenerator {

  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final int MAX_NAME = 63;
  private static final int SUFFIX = 5;

  private NameGenerator() {}

  static String generate(String prefix, RandomGenerator random) {
    String base = prefix.length() > MAX_NAME - SUFFIX ? prefix.substring(0, MAX_NAME - SUFFIX) : prefix;
    StringBuilder name = new StringBuilder(base);
    for (int i = 0; i < SUFFIX; i++) {
      name.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return name.toString();
  }
}
