package org.netconform.netlab.agent;

import org.netconform.netlab.LabException;

/**
 * The agent answered, but could not do what was asked (a port already bound, say). Unlike a dead or
 * silent agent this leaves the lab in a known state.
 */
public final class RequestRefused extends LabException {
    public RequestRefused(String message) {
        super(message);
    }
}
