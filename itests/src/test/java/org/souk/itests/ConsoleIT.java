package org.souk.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.security.PrivilegedExceptionAction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Command;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.souk.itests.Http.Reply;

/**
 * The console's manners, as an administrator meets them: a value it does not know is refused in one line
 * that lists the ones it does, a number out of range is refused rather than bent into it, an id that names
 * nothing says so instead of printing an empty table, and TAB offers order ids and statuses.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class ConsoleIT extends SoukTestSupport {

    private static final String GIG = "{\"title\":\"Logo design\",\"description\":\"A logo for your shop\",\"packages\":["
            + "{\"tier\":\"BASIC\",\"title\":\"One logo\",\"price\":\"120.00\",\"deliveryDays\":3,\"revisions\":1,\"deliverables\":[\"SVG\"]}]}";

    @Test
    public void anUnknownStatusOrReasonIsRefusedInOneLineListingTheValidValues() throws Exception {
        String refused = refusal("souk:orders -s BOGUS");
        assertOneLine(refused);
        assertTrue(refused, refused.contains("'BOGUS' is not one of PENDING, PROCESSING, COMPLETED, CANCELLED"));
        assertTrue(refused, !refused.contains("No enum constant"));
        // Any case is still accepted.
        assertTrue(console("souk:orders -s cancelled").contains(" order(s)"));

        assertTrue(refusal("souk:withdrawals -s LOST").contains("REQUESTED, PAID, REJECTED"));
        assertTrue(refusal("souk:refunds -s LOST").contains("REQUESTED, PENDING, SUCCEEDED"));
        assertTrue(refusal("souk:order-cancel o-nothing BORED").contains("POLICY_VIOLATION"));
    }

    @Test
    public void numbersOutOfRangeAreRefusedNotClamped() throws Exception {
        for (String max : List.of("0", "-1", "1000")) {
            String refused = refusal("souk:orders -n " + max);
            assertOneLine(refused);
            assertTrue(refused, refused.contains("max: must be from 1 to 100, not " + max));
        }
        assertTrue(refusal("souk:orders -o -1").contains("offset: must be 0 or more"));
        assertTrue(refusal("souk:token -h 0 someone client").contains("hours: must be from 1 to"));
        assertTrue(refusal("souk:withdrawals -n 0").contains("must be from 1 to 100"));
        assertTrue(refusal("souk:timers -n 501").contains("must be from 1 to 500"));
        assertTrue(console("souk:orders -n 100").contains(" order(s)"));
    }

    @Test
    public void anIdThatNamesNothingIsSaidToNameNothing() throws Exception {
        String user = refusal("souk:balance nobody-at-all");
        assertOneLine(user);
        assertTrue(user, user.contains("No such user nobody-at-all"));
        assertTrue(refusal("souk:ledger nosuch").contains("No such order: nosuch"));
        assertTrue(refusal("souk:order nosuch").contains("No such order: nosuch"));
        assertTrue(refusal("souk:withdrawal-reject nosuch \"no reason\"").contains("nosuch"));
    }

    @Test
    public void refusalsAreTheExceptionKarafLogsWithoutAStackTraceAndStillFailTheCommand() throws Exception {
        // Karaf's shell logs an exception named CommandException at DEBUG and prints its one line; anything
        // else is logged as an ERROR with its stack trace. bin/client and SSH exit with 1 either way.
        Throwable refused = thrown("souk:orders -s BOGUS");
        boolean commandException = false;
        for (Throwable t = refused; t != null; t = t.getCause()) {
            commandException |= "CommandException".equals(t.getClass().getSimpleName());
            assertTrue(t.getClass().getName(), !t.getClass().getName().startsWith("java.lang.IllegalArgument"));
        }
        assertTrue(String.valueOf(refused), commandException);
    }

    @Test
    public void tabOffersOrderIdsStatusesAndReasons() throws Exception {
        String freelancer = token("console-farid", "freelancer");
        String client = token("console-hind", "client");
        Reply gig = http.post("gigs", freelancer, GIG);
        Reply order = http.post("orders", client, "{\"gigId\":\"" + gig.at("/id") + "\",\"package\":\"BASIC\",\"requirements\":\"A cedar tree\"}");
        assertEquals(order.toString(), 201, order.status());
        String orderId = order.at("/id");

        List<String> ids = complete("souk:order", orderId.substring(0, orderId.length() - 1));
        assertTrue(ids.toString(), ids.contains(orderId));
        assertTrue(complete("souk:ledger", "").contains(orderId));
        assertTrue(complete("souk:balance", "console-f").contains("console-farid"));

        List<String> statuses = complete("souk:orders", "-s", "proc");
        assertEquals(List.of("PROCESSING"), statuses);
        assertTrue(complete("souk:order-cancel", orderId, "POLICY").contains("POLICY_VIOLATION"));
        assertTrue(complete("souk:withdrawals", "--status", "").containsAll(List.of("REQUESTED", "PAID", "REJECTED")));
    }

    @Test
    public void theHelpOfTheSoukScopeListsItsCommands() throws Exception {
        // The raw help command; the console's 'help' alias pipes it through a pager that prints nothing
        // without a terminal (bin/client -b), where '*:help souk' is the way.
        String help = console("*:help souk");
        assertTrue(help, help.contains("souk:orders") && help.contains("souk:balance"));
    }

    private static void assertOneLine(String said) {
        assertEquals(said, 1, said.strip().lines().count());
    }

    /** What a refused command said: the message of the exception the console session threw. */
    private String refusal(String command) throws Exception {
        Throwable t = thrown(command);
        while (t.getCause() != null && !"CommandException".equals(t.getClass().getSimpleName())) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private Throwable thrown(String command) {
        try {
            String output = console(command);
            throw new AssertionError("expected '" + command + "' to be refused, it printed: " + output);
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            return e;
        }
    }

    /** What TAB offers after the words typed, the last one being completed, as an administrator's console does. */
    private List<String> complete(String... words) throws Exception {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal("itest-console"));
        for (String role : ADMIN_ROLES) {
            subject.getPrincipals().add(new RolePrincipal(role));
        }
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            return executor.submit(() -> Subject.doAs(subject, (PrivilegedExceptionAction<List<String>>) () -> {
                PrintStream out = new PrintStream(new ByteArrayOutputStream(), true);
                Session session = sessionFactory.create(System.in, out, out);
                try {
                    Command command = session.getRegistry().getCommands().stream()
                            .filter(c -> (c.getScope() + ":" + c.getName()).equals(words[0])).findFirst()
                            .orElseThrow(() -> new AssertionError("no command " + words[0]));
                    List<String> candidates = new ArrayList<>();
                    command.getCompleter(true).complete(session, line(words), candidates);
                    return candidates.stream().map(String::trim).toList();
                } finally {
                    session.close();
                }
            })).get(60, TimeUnit.SECONDS);
        } finally {
            executor.shutdownNow();
        }
    }

    /** The words as a console line with the cursor at the end of the last one. */
    private static CommandLine line(String... words) {
        String buffer = String.join(" ", words);
        String last = words[words.length - 1];
        return new CommandLine() {
            @Override
            public int getCursorArgumentIndex() {
                return words.length - 1;
            }

            @Override
            public String getCursorArgument() {
                return last;
            }

            @Override
            public int getArgumentPosition() {
                return last.length();
            }

            @Override
            public String[] getArguments() {
                return words.clone();
            }

            @Override
            public int getBufferPosition() {
                return buffer.length();
            }

            @Override
            public String getBuffer() {
                return buffer;
            }
        };
    }
}
