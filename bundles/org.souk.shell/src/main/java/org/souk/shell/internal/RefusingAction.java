package org.souk.shell.internal;

import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.support.CommandException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.common.api.RefusalKind;
import org.souk.common.api.SoukException;
import org.souk.common.api.ValidationException;

/**
 * A Souk command whose refusals (bad input, unknown id, a state that does not allow it, a caller who may
 * not) read as one line on the console and in the log, without a stack trace.
 *
 * <p>Karaf's shell logs any exception an action throws as an ERROR with its stack trace and prints
 * {@code Error executing command: <message>}, except an exception of the class named
 * {@code CommandException}, which it logs at DEBUG and prints as its own line. Both end a
 * {@code bin/client} or SSH command with exit status 1. So a refusal is rethrown as Karaf's
 * {@link CommandException} (which must not be subclassed: Karaf recognises it by its simple name) and
 * logged here once, at INFO, or at WARN when a service is missing. Anything else is a bug and still
 * reaches Karaf's ERROR with its stack trace.
 */
abstract class RefusingAction implements Action {

    private static final Logger LOG = LoggerFactory.getLogger(RefusingAction.class);

    @Override
    public final Object execute() throws Exception {
        try {
            return run();
        } catch (SoukException refused) {
            String line = line(refused);
            String command = commandName();
            if (refused.kind() == RefusalKind.UNAVAILABLE) {
                LOG.warn("{} by {} refused: {}", command, ConsoleCaller.admin().userId(), line);
            } else {
                LOG.info("{} by {} refused: {}", command, ConsoleCaller.admin().userId(), line);
            }
            throw new CommandException(line);
        }
    }

    /** What the command does; a {@link SoukException} it throws is its refusal. */
    protected abstract Object run() throws Exception;

    /** The refusal in one line: each offending field with why, or the message, which is safe to show. */
    static String line(SoukException refused) {
        String text;
        if (refused instanceof ValidationException invalid && !invalid.errors().isEmpty()) {
            text = invalid.errors().stream().map(e -> e.field() + ": " + e.reason()).collect(Collectors.joining("; "));
        } else {
            text = refused.getMessage() == null ? refused.problemType() : refused.getMessage();
        }
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private String commandName() {
        Command command = getClass().getAnnotation(Command.class);
        return command == null ? getClass().getSimpleName() : command.scope() + ":" + command.name();
    }
}
