package org.souk.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

/**
 * The TypeScript client's own tests ({@code clients/typescript/test}), run by Node against this suite's node:
 * a frontend's journey written from the API description with the generated types, checked by {@code tsc
 * --strict} first. The build has installed and built the client already.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class TypeScriptClientIT extends SoukTestSupport {

    @Test
    public void theClientsJourneyPassesAgainstTheNode() throws Exception {
        File client = new File(System.getProperty(TYPESCRIPT_CLIENT, ""));
        assertTrue("the TypeScript client at " + client, new File(client, "package.json").isFile());
        ProcessBuilder npm = new ProcessBuilder("npm", "test").directory(client).redirectErrorStream(true);
        npm.environment().put("SOUK_API_URL", "http://localhost:" + httpPort() + "/api/v1");
        npm.environment().put("SOUK_TOKEN_SECRET", Tokens.DEVELOPMENT_SECRET);
        File log = new File(client, "build/journey.log");
        log.getParentFile().mkdirs();
        npm.redirectOutput(log);
        Process run = npm.start();
        boolean ended = run.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            run.destroyForcibly();
        }
        String output = new String(java.nio.file.Files.readAllBytes(log.toPath()), StandardCharsets.UTF_8);
        assertTrue("npm test did not end within 5 minutes:\n" + output, ended);
        assertEquals("npm test failed:\n" + output, 0, run.exitValue());
    }
}
