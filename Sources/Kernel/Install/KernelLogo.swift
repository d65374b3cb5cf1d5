import Foundation

/// The kernel's logo, in the files and sizes Jupyter looks for in a kernelspec.
/// The PNGs were drawn with gnuplot's pngcairo terminal from the same picture as the SVG.
enum KernelLogo {
    static let files: [(name: String, data: Data)] = [
        ("logo-32x32.png", Data(base64Encoded: png32.joined()) ?? Data()),
        ("logo-64x64.png", Data(base64Encoded: png64.joined()) ?? Data()),
        ("logo-svg.svg", Data(svg.utf8)),
    ]

    private static let png32 = [
        "iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAIAAAD8GO2jAAAABmJLR0QA/wD/AP+gvaeTAAADoklEQVRIid2W208TeRTHf9OZDpRS",
        "ChRaipbWKtRWpstIcYGFAKsuBjFrWKO7Etm4DxofZJP9Bza++7Dy6JsmusREAi7iBTFNNiDVLQgtLZ1e7EXbcpmW0gJWZlofxm3W",
        "2mKXy4vn6TfJOd9Pzjm/b+YH6YyOceMrsDNRi8mRsWnHH70jOwT47ewR1g5JJ+LLA7ARuFwiZCPwdgGQJPVHPb+KCnn+wHLr5R6K",
        "prcO+KgDiahAVJjH5WSVlQhOt3+bx8vdZoDbH/SRobfvqJVorEy29/KFro4Tx6SSXVsBfDQiiqaPdfdIxYUHNZpScYl2ZLxSpej6",
        "sYMMLE0ZTfqXBpqmZWKB00euU5lOD0n6pmja/nrBR2ovnv9pj1Ry605/aYlQg6sb6w811tV04EW52YhvMdTanemGUl/T1bW1gaHh",
        "SmVFpbLC65+/9+DJzd67EPW2gMfJyUZ3iwrVCukmO0iEw+l5MWlo+655ORLBlIoqTBWj6UiU4iDQSpRuP358zz6rdlRHksFNAgAA",
        "+slpTKXoOvMDGQzqXxo0uLrz9xvR1bDLH6jYK29qOHTpfKeZsG2MSQawEVgmFoTWqJqDX1VhqlA4jKJsi82OY5UTU0YT4WDSTBar",
        "mbCVy6XNDXUMZlT3Dw9lfbr/FEYTF+dHKXB9hOgfGjbNWms1+OGm+nB45Yl29L/J8XicsDutDpdqf3lLw9ePrnWjMPDOB5P2n8Jo",
        "HBThZsH5XPYHIQgACNpgkgAAPpedg8IcFCkR8CWigrQdMEYTC/hzwbDR4jrZdrSlsY7Pyx3T6XH1gSPN3wwNaxPJEAQxIxIWCwib",
        "/fX+AmE+z7u45JkLpgUkjObykRQdG30++UvnKRYLUpTLZ8wWDa52utzraxGXPyAr281Imwnb3cGHJBns++txojAtAPxrNOaswTGI",
        "Bd3o7cOUiuoqjKLWb1/5OQsGq+9iA1OBGYuVkf60cCNAIuQySQ2u7r//2O3xuj3eiWnTuY5WbhbChiEWix4cuj8x40hX+3lADofz",
        "fdvRWavdaCbEIqEGxw4oK0AsHlhe5XHYbxaWpmddmainADA+wKur43FgtTs7T5+USyVkYOnvsef6KePVdSrloDMFMD4oLc6PUuBP",
        "nbe9tcVMOG729rk8bxI5KQedKYDxQTaKwHDc/co++PTZcjjyv+Q+A/jggyK+bzF0Z/DptvwyN/LB1tWTASD9dd50fHkPr20P6JnB",
        "Pm7Yqed7vVr+HhZQvswRuLQUAAAAAElFTkSuQmCC",
    ]

    private static let png64 = [
        "iVBORw0KGgoAAAANSUhEUgAAAEAAAABACAIAAAAlC+aJAAAABmJLR0QA/wD/AP+gvaeTAAAHkElEQVRoge2abVAadx7Hd1keZDHG",
        "3EVUgiiITwFEHkSIRmtqEi+mqWnm0klmLu1MO51OX/bdzfX1vb2buReZm+nd3M2lnV5tz7SXSaIRNUYtIoIICGpEERGfiBZ5UJZl",
        "78VmiIcdWNYHkhk/79Z9+H+/7v//++13F3DE6tRZ54A3E7VEQB2ecP75G22mlZDk89stlExr2C/HBjLNsYFMc2wg0xwbyDRUIgeJ",
        "SzllRezphVWbc+mwBaVLagN//Ky9vakmhmEUEOzsN/3h7g9HIIs4KabQWX5he1MNnEXPZjLgLPr1t2SVJQVHo4wgKQwIi9gxDItv",
        "xjCsnJd/yJLSI4WBGfcqCILxTQadfobH5xS8Rh5SGLDPeTv7TaHtSHgHQVBsYGIehZgf/e7mx3fel0vFNBqhGnCoQK037iQPNL2G",
        "qd6xKfOMe8aHeraAv93rcEzPnshm1dcp65TS3JM5Gxv+UDh8ZIp3o5EIUhsAAGB9M+CYX55wzNUppLm5OUazdWZ23mSxIRFEVFle",
        "r1YUcTloFPVtbGK7FswRQNQADoIgvo2fW5rq130ba74XCIK4PV690bzo8XIK2PVqZY1ExGDQ1nwvECSKnyIu5dRLSyEKZW1j65AM",
        "pDeJp587jRO2tkvNi0te/1YAAAAMw5wut9Pl/tWpkzUSkUpe01CnnHruNJltH7cpjqCBpHEHcFwLi5KzlcVFXKt9avffw9s7cy63",
        "wTThDwTLBCVXm+veVZdm0al0GpVGhYRcttbgWN8MHKx6jUSQ9rNQBEE6H3SV8DgqefUv7jWarX/9x9fjJgN2JA2EzMOcd2V1YHj0",
        "7aZ6dt6v9+6lUal1ipqyShGF8uriDDqNceIUjXrwZTftKYTj9nj5xUXVospx62Qs9vI/DUGQrFr02/YrFUL+5IyLV3j6BIOyHUGi",
        "aGx4chGD2bWyagoFXF5di8ViB6I+7UUcB8OwHx/1fPLBrebzmid9gxAEScVVjedUWQyGyWIbGTPfvnHtq16byaAv57EdrmXH/DLM",
        "ZKprZec1KrVSpjOY9EZzvFjtB/L3dPNnf5f26Tu/aYEoUGV5KS59SDcWCAbbLjWzYOa9bzv9W4HJuZdP4KFwuHdgWDdqOlgb5A1A",
        "EARRqVE0ppRVmyzWp4P6QDAIAIBQUCyrFnU+6MLrbAJxG0q5pL5OuX8bZAzsnjAWm71MwIeZTFw9DMPXWlvMVrvNMZPkCqFweGBI",
        "bzBa9m+D0CKON9QX/pCsWnSzva1CKLDYp77/8bHNMb20vHqhUeP3B1bXfDeutTIY9G/vP0RRNOXYSDTqcntME5MACJyrVajkUnyJ",
        "n+UXEOzfhBYxnsgwDIMgaHolOPzcH5/r+AELi56R0fHWlqZTJ3NKS3j//Ob7SCSS8rJxEu7G7+9cFLJhFEVBYv2baCJjMRlZdGpF",
        "QXbX40dd2oG4epy+Qd2WP9CgqR3SGRc9y8TVJ9jQ9nSX5bOy6FQW4QCYXiLDMEzIzdt7GIYBaCyGH5C++FcIzpxOt3+nl8ggiKJS",
        "ay6/3ZjNYu0+rLlRnZubM/jTaINGcYZDJjTDTGZjvaq2Vg1BryRRQHB6YSX5iSkW8fpmgJN3Ushl7yDRKBrr0I51aI3KGsk5lYLF",
        "gldW1yMIwuNy2i41P+zu1xvNnMJ8hVQ8brUTWcRx6Zo6+XtXWwvz2dqhUWQ7VMrNw4f7rtfYoR1Lcq5GIgD/9HVPyi80VfzCCl4+",
        "3lCBhDI66SgT8D3Lyx33HwIAAMPwpx/emp6df9CV+qsPzGQq5RK1Qoai6O4ymjBcEj6/3UKoD9jnvPY5b3wTRVGj2Wq22qXiqssX",
        "GqkQFA5vZ7NYgWAwFAo96O57/3rbnGshSSvYLX1oxJDQARKGSw75ToyiaDQahSCK3mSuKheKqyrw8oqHnisXm90e795mnFw6Ccgb",
        "yDmRfflC48jY+JO+wZ7+IXxSySQik8U2rBsr5p55p7VlwjQq5Obh7yQPXPq+DIAg2N52aSsQ6H+mA/5/UuE2pmedn7QpS27KoyhK",
        "AUGdY8nhAw9W+r4MNKiVXE7Bl//6NxJ9JQW3YZl0yKvF77ZoStkwDQLxIc5LeI++7Ln/ZPAApeOQSWSF+ezzGpX26dDqmm/vXgSJ",
        "joyNT9tt8aADAMBOBNkJbBy4eoDEHaDTaNevXna5PXrjxC/uFZ+tUNZIqviFuxogoZZEjrQNXGxuwMNKwlMD/lpFLhXTadSp586/",
        "9A8Gr8jfe0uGv1b5rteYsqiTIz0De8MKCIJ8HlelkAoFJVuBkN44bjBZQqEwAABf3HV/9VhPsCWRJg0DeFgZt7wMKzAMyyRVCqkk",
        "Jyd7bmHxP//tcszMJqT1tFoSOYh/Ysrnl1VEEKS771lhPlsuFUlElbEYarPP6MfMa74Xh6oyCUQDDQhSqFRo0Or68NaNfPZp78pa",
        "d+8z6+RUBEGOQGUSUhiIBxp8s0FcPDJj+Pu9Do/3sOZ0uqQXaHYikSWX8/VRD6QbaA6vnJOG6CemQHgntB05vHJOmtSL+Iu7PxxB",
        "OScNmUDzWvHG/1bi2ECmOTaQaY4NZJpjA5kG/Mkyq7O8qT+/P1ct+B8vEy7AZfiarwAAAABJRU5ErkJggg==",
    ]

    private static let svg = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">
        <rect width="64" height="64" fill="#1f4e79"/>
        <g stroke="#9cc3e6" stroke-width="2.5">
        <path d="M13 49L32 42M13 49L32 22M13 32L32 42M13 32L32 22M13 15L32 42M13 15L32 22M32 42L51 32M32 22L51 32"/>
        </g>
        <g fill="#ffffff"><circle cx="13" cy="49" r="4"/><circle cx="13" cy="32" r="4"/><circle cx="13" cy="15" r="4"/>
        <circle cx="32" cy="42" r="4"/><circle cx="32" cy="22" r="4"/><circle cx="51" cy="32" r="4"/></g>
        </svg>
        """
}
