/** Every route needs a verified caller unless marked @Public(); the caller is kept on the request. */
import { CanActivate, createParamDecorator, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Actor } from '@dnr/domain';
import { TokenVerifier } from './token-verifier';

const PUBLIC = 'dnr:public';
export const Public = () => SetMetadata(PUBLIC, true);

interface WithCaller {
  headers: Record<string, string | undefined>;
  caller?: Actor;
}

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly verifier: TokenVerifier) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<WithCaller>();
    request.caller = await this.verifier.callerFrom(request.headers.authorization);
    return true;
  }
}

export const Caller = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  return context.switchToHttp().getRequest<WithCaller>().caller as Actor;
});
