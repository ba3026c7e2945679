package io.nhidrift.app;

/** The service cannot start for a reason the user can act on (cluster unreachable, topics unusable); the message says which. */
public final class StartupException extends RuntimeException {
    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
