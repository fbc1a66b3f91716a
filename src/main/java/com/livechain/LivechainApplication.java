package com.livechain;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import com.livechain.credentials.CredentialsCommand;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LivechainApplication {

    public static void main(String[] args) {
        // `java -jar livechain.jar credentials set --client-id ...` writes the credential store without
        // starting the service (the token is read from stdin, never from argv).
        if (args.length > 0 && args[0].equals("credentials")) {
            System.exit(CredentialsCommand.run(args, System.in, System.out, System.err, System.getenv()));
        }
        SpringApplication.run(LivechainApplication.class, args);
    }
}
