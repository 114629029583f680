/** The {@code page360} scenario: the back office's 360° view of a person with a long history, as staff open it. */
package org.entente.bench.page360;
