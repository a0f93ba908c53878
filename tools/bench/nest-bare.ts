// A NestJS application with one route answering the same small JSON as the bare node:http server,
// and nothing else (no guards, pipes, filters, logging or middleware): what the framework costs
// on its own, with the HTTP adapter named by ADAPTER (`express`, the API's, or `fastify`).
// Started by bench:http in its own process: ADAPTER=express|fastify PORT=N.
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
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
  const adapter = process.env.ADAPTER === 'fastify' ? new FastifyAdapter() : new ExpressAdapter();
  const app = await NestFactory.create(BareModule, adapter, { logger: false });
  await app.listen(Number(process.env.PORT), '127.0.0.1');
}

void main();
