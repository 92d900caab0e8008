package io.capstan.bench.proxy;

/** The two ways wrk loads every target. */
enum Pass {

  /** wrk's default: the proxy only copies bytes between connections it already has. */
  KEEP_ALIVE("keep-alive", "Kept-alive connections", false),

  /** Every request on a new connection: the proxy's accept, balancing and connect, each time. */
  NEW_CONNECTION("new-connection", "A new connection per request (`-H \"Connection: close\"`)", true);

  final String label;
  final String heading;
  final boolean closeEachConnection;

  Pass(String label, String heading, boolean closeEachConnection) {
    this.label = label;
    this.heading = heading;
    this.closeEachConnection = closeEachConnection;
  }
}
