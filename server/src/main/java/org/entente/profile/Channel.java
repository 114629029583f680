package org.entente.profile;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;

/** Where a touchpoint happened. */
public enum Channel {
    WEB("web"), APP("app"), STORE("store"), CALL_CENTER("call_center"), EMAIL("email"), SMS("sms"),
    SOCIAL("social"), CHAT("chat"), PARTNER("partner"), OTHER("other");

    private final String code;

    Channel(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public static Optional<Channel> fromCode(String code) {
        return Arrays.stream(values()).filter(channel -> channel.code.equals(code)).findFirst();
    }
}
