import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { HomeView } from '@ztt/contracts';
import { Public, PublicReadCache } from '@ztt/platform';
import { HomeDto } from './home.dto';
import { HomeService } from './home.service';

@ApiTags('public')
@Controller('home')
export class HomeController {
  constructor(private readonly home: HomeService) {}

  @Public()
  @PublicReadCache(30)
  @Get()
  @ApiOkResponse({ type: HomeDto, description: '首页：核心数据、最新需求与成果、正在揭榜的榜单、产业入口、正在进行的季度征集（仅公开字段）' })
  get(): Promise<HomeView> {
    return this.home.home();
  }
}
