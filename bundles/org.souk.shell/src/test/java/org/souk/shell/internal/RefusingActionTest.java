package org.souk.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;
import org.souk.common.api.ConflictException;
import org.souk.common.api.FieldError;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.ValidationException;

class RefusingActionTest {

    @Command(scope = "souk", name = "probe")
    static class Throwing extends RefusingAction {
        private final RuntimeException thrown;

        Throwing(RuntimeException thrown) {
            this.thrown = thrown;
        }

        @Override
        protected Object run() {
            throw thrown;
        }
    }

    @Test
    void aRefusalBecomesTheExceptionKarafPrintsAsOneLineAndLogsWithoutAStackTrace() {
        assertThatThrownBy(() -> new Throwing(new NotFoundException("No order nosuch")).execute())
                .isExactlyInstanceOf(CommandException.class).hasMessage("No order nosuch").hasNoCause()
                // Karaf's shell recognises it by this simple name, not by its type: a subclass would be an ERROR.
                .satisfies(e -> assertThat(e.getClass().getSimpleName()).isEqualTo("CommandException"));
        assertThatThrownBy(() -> new Throwing(new ConflictException("Refund r-1 is SUCCEEDED\n  already")).execute())
                .isExactlyInstanceOf(CommandException.class).hasMessage("Refund r-1 is SUCCEEDED already");
    }

    @Test
    void aValidationRefusalNamesEachFieldWithoutTheRestPrefix() {
        ValidationException invalid = new ValidationException(List.of(new FieldError("max", "must be from 1 to 100, not 0"),
                new FieldError("status", "'X' is not one of A, B")));
        assertThatThrownBy(() -> new Throwing(invalid).execute()).isExactlyInstanceOf(CommandException.class)
                .hasMessage("max: must be from 1 to 100, not 0; status: 'X' is not one of A, B");
    }

    @Test
    void aBugIsNotARefusalAndKeepsItsStackTrace() {
        IllegalStateException bug = new IllegalStateException("boom");
        assertThatThrownBy(() -> new Throwing(bug).execute()).isSameAs(bug);
    }
}
