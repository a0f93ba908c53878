// A NestJS application with one route answering the same small JSON as the bare node:http server,
// and nothing else (no guards, pipes, filters, logging or hooks), on the Fastify adapter like the
// API: what the framework costs on its own. Started by bench:http in its own process: PORT=N.
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';

@Controller()
class LiveController {
  @Get()
  live(): { status: string } {
    return { status: 'up' };
  }
}

@Module({ controllers: [LiveController] })
class BareModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(BareModule, new FastifyAdapter(), { logger: false });
  await app.listen(Number(process.env.PORT), '127.0.0.1');
}

void main();
