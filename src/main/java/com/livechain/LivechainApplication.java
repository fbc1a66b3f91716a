package com.livechain;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LivechainApplication {

    public static void main(String[] args) {
        SpringApplication.run(LivechainApplication.class, args);
    }
}
