package org.netconform.adapters.usermodenat;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** A started user-mode NAT: the process, ended politely first (its own way) and by force after a grace. */
final class NatProcess implements UserModeNat.Running {
    private final Process process;
    private final boolean endsOnStdinClose;

    /**
     * @param endsOnStdinClose the NAT watches its stdin and exits when it closes (slirp4netns {@code --exit-fd=0});
     *                         otherwise it is sent SIGTERM
     */
    NatProcess(Process process, boolean endsOnStdinClose) {
        this.process = process;
        this.endsOnStdinClose = endsOnStdinClose;
    }

    @Override
    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        try {
            if (endsOnStdinClose) {
                process.getOutputStream().close();
            } else {
                process.destroy();
            }
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
