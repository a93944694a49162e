package dev.amends.common.http;

import dev.amends.common.problem.ProblemException;
import dev.amends.common.problem.Violation;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads text bodies as strict UTF-8 (JSON is UTF-8, RFC 8259): a malformed byte sequence is a 400
 * problem. The default reader would turn it into replacement characters and store those. It reads
 * at most one byte past the body limit, so a chunked body (no {@code Content-Length} to check
 * first) is a 413 however long it goes on, and never more than the limit sits on the heap.
 */
@Provider
public class StrictUtf8Bodies implements ReaderInterceptor {

    private final BodyLimit limit;

    public StrictUtf8Bodies(BodyLimit limit) {
        this.limit = limit;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (context.getType() != String.class) {
            return context.proceed();
        }
        byte[] bytes;
        try {
            bytes = context.getInputStream().readNBytes(Math.toIntExact(limit.maxBodyBytes() + 1));
        } catch (IOException e) {
            // The client went away mid-body: nobody reads the answer, and it is no server error.
            throw ProblemException.badRequest("The body could not be read.");
        }
        if (bytes.length > limit.maxBodyBytes()) {
            throw limit.tooLarge();
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ProblemException.invalid(List.of(new Violation("body", "must be valid UTF-8")));
        }
    }
}
