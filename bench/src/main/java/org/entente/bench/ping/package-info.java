/** The {@code ping} scenario: the cost of the server's authenticated request path over a trivial endpoint. */
package org.entente.bench.ping;
