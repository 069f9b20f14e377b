"""Short links: made by signed-in people, followed by anyone."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, delete, get, head, post
from litestar.di import NamedDependency, Provide
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT, HTTP_302_FOUND

from tessera.core.auth import CurrentUser, client_ip
from tessera.core.errors import KEEP_CHANGES_SCOPE_KEY
from tessera.core.pagination import LimitOffset, OffsetPagination, provide_limit_offset
from tessera.core.ratelimit import ActionThrottle
from tessera.links.schemas import ShortLinkCreate, ShortLinkRead
from tessera.links.services import ShortLinks, is_preview

Code = Annotated[str, FromPath]


class ShortLinkController(Controller):
    path = "/short-links"
    tags = ["links"]
    dependencies = {"page": Provide(provide_limit_offset, sync_to_thread=False)}

    @post(
        "/",
        operation_id="createShortLink",
        summary="A short link to a party, slot, host page or event: 201 new, 200 the one you already have",
        responses={200: ResponseSpec(data_container=ShortLinkRead, description="The link you already have")},
        status_code=HTTP_201_CREATED,
    )
    async def create(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[ShortLinkCreate],
        short_links: NamedDependency[ShortLinks],
        current_user: NamedDependency[CurrentUser],
        link_throttle: NamedDependency[ActionThrottle],
    ) -> Response[ShortLinkRead]:
        await link_throttle.check(current_user.id, client_ip(request))
        created, link = await short_links.create(data, current_user)
        return Response(link, status_code=HTTP_201_CREATED if created else HTTP_200_OK)

    @get("/", operation_id="listShortLinks", summary="Your links with their click counts")
    async def list_links(
        self,
        short_links: NamedDependency[ShortLinks],
        page: NamedDependency[LimitOffset],
        current_user: NamedDependency[CurrentUser],
    ) -> OffsetPagination[ShortLinkRead]:
        items, total = await short_links.mine(current_user, page.limit, page.offset)
        return OffsetPagination(items=items, total=total, limit=page.limit, offset=page.offset)

    @get("/{code:str}", operation_id="getShortLink", summary="One of your links")
    async def get_link(
        self, code: Code, short_links: NamedDependency[ShortLinks], current_user: NamedDependency[CurrentUser]
    ) -> ShortLinkRead:
        return await short_links.get(code, current_user)

    @delete("/{code:str}", operation_id="deleteShortLink", status_code=HTTP_204_NO_CONTENT)
    async def delete_link(
        self, code: Code, short_links: NamedDependency[ShortLinks], current_user: NamedDependency[CurrentUser]
    ) -> None:
        await short_links.disable(code, current_user)


class ShortLinkRedirectController(Controller):
    path = "/s"
    tags = ["links"]

    @get(
        "/{code:str}",
        operation_id="followShortLink",
        status_code=HTTP_302_FOUND,
        summary="Go where the link points; people following it are counted (link previews are not)",
    )
    async def follow(
        self, request: Request[Any, Any, Any], code: Code, short_links: NamedDependency[ShortLinks]
    ) -> Response[None]:
        count = not is_preview(request.headers.get("user-agent", ""))
        target = await short_links.follow(code, count=count)
        request.scope[KEEP_CHANGES_SCOPE_KEY] = True  # type: ignore[literal-required]  # a redirect whose click stands
        return _redirect(target)

    @head("/{code:str}", operation_id="peekShortLink", status_code=HTTP_302_FOUND, summary="Where it points, uncounted")
    async def peek(self, code: Code, short_links: NamedDependency[ShortLinks]) -> Response[None]:
        return _redirect(await short_links.follow(code, count=False))


def _redirect(target: str) -> Response[None]:
    return Response(
        None,
        status_code=HTTP_302_FOUND,
        headers={
            "Location": target,
            "Cache-Control": "no-store",
            "X-Robots-Tag": "noindex",
            "Referrer-Policy": "no-referrer",
        },
    )
