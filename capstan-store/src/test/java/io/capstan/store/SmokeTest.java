package io.capstan.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void listRequestDefaults() {
    assertThat(ListRequest.all("/a").limit()).isZero();
  }
}
