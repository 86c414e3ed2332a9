package org.souk.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Suite.SuiteClasses;
import org.ops4j.pax.exam.junit.PaxExam;

/**
 * Failsafe runs the suites (and RestartIT), not the Pax Exam classes one by one: a Pax Exam class that no
 * suite lists would never run, and one that two suites list would run twice.
 */
public class SuitesTest {

    /** The suites failsafe runs (itests/pom.xml includes every *Suite). */
    private static final List<Class<?>> SUITES = List.of(OrdersAndMoneySuite.class, ApiAndPlatformSuite.class);

    @Test
    public void everyPaxExamClassRunsInExactlyOneSuite() throws Exception {
        Map<Class<?>, Integer> listed = new HashMap<>();
        for (Class<?> suite : SUITES) {
            for (Class<?> member : suite.getAnnotation(SuiteClasses.class).value()) {
                listed.merge(member, 1, Integer::sum);
            }
        }
        List<Class<?>> paxExamClasses = new ArrayList<>();
        for (Class<?> type : testClasses()) {
            RunWith runWith = type.getAnnotation(RunWith.class);
            if (runWith != null && runWith.value() == PaxExam.class) {
                paxExamClasses.add(type);
                assertEquals(type.getSimpleName() + " must be listed by exactly one suite", Integer.valueOf(1),
                        listed.getOrDefault(type, 0));
            }
        }
        for (Class<?> member : listed.keySet()) {
            assertTrue(member.getSimpleName() + " runs in a suite's container, so it must be a Pax Exam test",
                    paxExamClasses.contains(member));
        }
    }

    @Test
    public void everySuiteIsKnownHere() throws Exception {
        for (Class<?> type : testClasses()) {
            if (type.getSimpleName().endsWith("Suite")) {
                assertTrue(type.getSimpleName() + " is missing from SUITES", SUITES.contains(type));
            }
        }
    }

    /** The classes of this package among the compiled test classes. */
    private static List<Class<?>> testClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path dir = Path.of(SuitesTest.class.getResource("SuitesTest.class").toURI()).getParent();
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(".class") && !name.contains("$")) {
                    classes.add(Class.forName(SuitesTest.class.getPackageName() + "." + name.replace(".class", "")));
                }
            }
        }
        return classes;
    }
}
