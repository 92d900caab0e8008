package io.capstan.apiserver.tls;

import java.util.List;

/** Who a client certificate says its holder is: the CN as user name, the O values as groups. */
public record ClientIdentity(String user, List<String> groups) {

  public ClientIdentity {
    groups = List.copyOf(groups);
  }
}
