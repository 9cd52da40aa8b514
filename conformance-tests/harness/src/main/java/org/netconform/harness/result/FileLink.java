package org.netconform.harness.result;

/**
 * A file written beside a target's results.json that a result links to (see {@link ReportFiles}): a case's
 * whole wire log, a stack trace.
 *
 * @param label what the link says, e.g. {@code case 7.3.2}
 * @param path  the file, relative to the target's folder, e.g. {@code cases/7.3.2.txt}
 */
public record FileLink(String label, String path) {
}
