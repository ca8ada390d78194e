package dev.resolve.api.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

/** A JSON string holding the NUL character (U+0000), which no text column can store: a client error. */
public class NulCharacterException extends InvalidFormatException {

    /** The violation message clients see for such a value. */
    public static final String MESSAGE = "must not contain the NUL character (U+0000)";

    public NulCharacterException(JsonParser parser, String value) {
        super(parser, MESSAGE, value, String.class);
    }
}
