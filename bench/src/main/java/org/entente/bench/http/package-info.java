/** HTTP access to the Entente server under test, shared by the scenarios. */
package org.entente.bench.http;
