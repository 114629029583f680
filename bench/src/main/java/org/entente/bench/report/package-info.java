/** What a scenario reports: a readable table on the terminal and, on request, a JSON file for the record. */
package org.entente.bench.report;
